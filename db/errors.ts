// What the database layer refuses, with a code and a Chinese message the officer can act on. Its
// own type, so db/ depends on nothing above it; services/errors.ts passes it on like an AppError.
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}
