document.getElementById('app')!.textContent = 'Deskwatch';
