/**
 * A small typed client for the delivery API, typed by `schema.d.ts` (generated from the
 * OpenAPI document by openapi-typescript; `npm run generate`). Paths, query parameters,
 * bodies and answers are checked by `tsc`: a renamed field in the API fails the type-check.
 *
 * Every answer is a `Result`: the 2xx body, or the RFC 9457 problem every error is.
 */
import type { components, paths } from "./schema.js";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type PageHead = Schemas["PageHead"];

type Method = "get" | "post";
type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, { responses: unknown }> ? P : never;
}[keyof paths];
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type PathOf<O> = O extends { parameters: { path: infer P } } ? P : never;
type BodyOf<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The body of the operation's success answers (200 and 201). */
export type Success<O> = O extends { responses: infer R }
  ? Json<R extends Record<200, infer A> ? A : never> | Json<R extends Record<201, infer A> ? A : never>
  : never;

export type Result<T> =
  | { ok: true; status: number; data: T; headers: Headers }
  | { ok: false; status: number; problem: Problem; headers: Headers };

export type GetAnswer<P extends PathsWith<"get">> = Success<Operation<P, "get">>;
export type PostAnswer<P extends PathsWith<"post">> = Success<Operation<P, "post">>;

export interface ClientOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:8000` (no trailing slash). */
  baseUrl: string;
  /** Give up after this many milliseconds (default 10 s). */
  timeoutMs?: number;
}

type Params = Record<string, string | number | boolean | null | undefined>;

function fill(path: string, values: Params | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

function search(query: Params | undefined): string {
  const pairs = Object.entries(query ?? {}).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null,
  );
  return pairs.length ? "?" + new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString() : "";
}

function asProblem(status: number, body: unknown): Problem {
  if (body && typeof body === "object" && "detail" in body && "status" in body) return body as Problem;
  return { type: "about:blank", title: "Error", status, detail: "The API answered without a problem body.", code: "error" };
}

export class ApiClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async get<P extends PathsWith<"get">>(
    path: P,
    params: { query?: QueryOf<Operation<P, "get">>; path?: PathOf<Operation<P, "get">> } = {},
  ): Promise<Result<GetAnswer<P>>> {
    const url = fill(path, params.path as Params | undefined) + search(params.query as Params | undefined);
    return this.send<GetAnswer<P>>("GET", url);
  }

  async post<P extends PathsWith<"post">>(
    path: P,
    params: {
      path?: PathOf<Operation<P, "post">>;
      body?: BodyOf<Operation<P, "post">>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Result<PostAnswer<P>>> {
    const url = fill(path, params.path as Params | undefined);
    return this.send<PostAnswer<P>>("POST", url, params.body ?? {}, params.headers);
  }

  private async send<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Result<T>> {
    const response = await fetch(this.baseUrl + url, {
      method,
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (response.ok) return { ok: true, status: response.status, data: parsed as T, headers: response.headers };
    return { ok: false, status: response.status, problem: asProblem(response.status, parsed), headers: response.headers };
  }
}
