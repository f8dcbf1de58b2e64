declare module 'fastify' {
  interface FastifyRequest {
    /** The API key (or `admin`) that authenticated this request. */
    keyId: string | null;
    /** Epoch ms when the request arrived. */
    startedAt: number;
  }
}

export {};
