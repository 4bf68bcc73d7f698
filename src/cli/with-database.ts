import { createDatabase } from '../storage/database.ts';

type Opened = ReturnType<typeof createDatabase>;

/** Opens the database named by DATABASE_URL for one command and always closes it. */
export async function withDatabase<T>(work: (opened: Opened) => Promise<T>): Promise<T> {
  const opened = createDatabase(process.env.DATABASE_URL);
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}
