import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { z } from 'zod';
import App from './App.vue';
import { connect } from './api/connect';
import { setConsoleApi } from './api/console-api';
import StartupProblem from './components/StartupProblem.vue';
import { createConsoleRouter } from './router';
import './styles/main.css';

// The console's Content-Security-Policy forbids eval: zod must not probe for it (a violation report on every page otherwise).
z.config({ jitless: true });

void connect(window).then((connection) => {
  if (!connection.ok) {
    createApp(StartupProblem, { problem: connection.problem }).mount('#app');
    return;
  }
  setConsoleApi(connection.api);
  const app = createApp(App);
  app.config.errorHandler = (error, _instance, info) => console.error(`deskwatch: ${info}`, error);
  app.use(createPinia());
  app.use(createConsoleRouter());
  app.mount('#app');
});
