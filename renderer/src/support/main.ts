import { createApp } from 'vue';
import SupportApp from './SupportApp.vue';
import { createSupportRouter } from './router';
import { loadSession } from './support-session';
import './support.css';

const app = createApp(SupportApp);
app.config.errorHandler = (error, _instance, info) => console.error(`tech support center: ${info}`, error);
app.use(createSupportRouter());
app.mount('#app');
void loadSession();
