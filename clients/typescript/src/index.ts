/**
 * The Civic Mesh API for portals: one typed client over every service behind the gateway.
 *
 * `./schema.js` is generated from the gateway's merged OpenAPI document (`make client`); paths, parameters, bodies
 * and answers — errors included, as RFC 9457 problem+json — are its types, so a renamed field or path in a service
 * is a compile error in the portal, not a surprise in production.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";

import type { components, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

/** Every schema of the merged document by name (`Schema<"registry__EmployerOut">`). */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
export type TokenResponse = Schema<"TokenResponse">;
export type CivicClient = Client<paths>;

/** The query parameters of an operation (`Query<"/api/v1/registry/employers", "get">`). openapi-fetch lets unknown
 * query names through; a query built with `satisfies Query<…>` is checked name by name. */
export type Query<Path extends keyof paths, Method extends keyof paths[Path]> = NonNullable<
  paths[Path][Method] extends { parameters: { query?: infer Q } } ? Q : never
>;

/** Where an access token comes from: a fixed one, or a function asked before each call (to refresh it). */
export type TokenSource = string | (() => string | Promise<string>);

export interface CivicClientOptions {
  token?: TokenSource;
  /** A fetch of your own (tests, retries); default: the global fetch. */
  fetch?: (input: Request) => Promise<Response>;
}

/** A client of the gateway at `baseUrl` (`http://127.0.0.1:8000` under `make run`). */
export function civicClient(baseUrl: string, options: CivicClientOptions = {}): CivicClient {
  const client = createClient<paths>({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  if (options.token !== undefined) {
    client.use(bearer(options.token));
  }
  return client;
}

function bearer(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${typeof token === "string" ? token : await token()}`);
      return request;
    },
  };
}

/** Thrown when the gateway refuses a sign-in: `problem` is its problem+json answer, as typed by the schema. */
export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`sign-in refused (${status}): ${JSON.stringify(problem)}`);
  }
}

/** A person's access token by the password grant at the gateway's `POST /oauth/token` (RFC 6749 §4.3). */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
  options: Pick<CivicClientOptions, "fetch"> = {},
): Promise<TokenResponse> {
  const { data, error, response } = await civicClient(baseUrl, options).POST("/oauth/token", {
    body: { grant_type: "password", username, password },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (data === undefined) {
    throw new SignInRefused(response.status, error);
  }
  return data;
}
