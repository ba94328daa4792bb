// The process environment as the server reads it. Its own module so that the modules
// config.ts loads (auth, registry) can name the type without importing config.ts back.
export type Env = Record<string, string | undefined>;
