import { setupServer } from 'msw/node';
import { defaultHandlers } from './default-handlers';

// Each test file adds its own handlers with server.use(); unhandled requests fail the test.
export const server = setupServer(...defaultHandlers);
