/**
 * What a portal does, through the packed client: sign in at the gateway, register an employer, read it back by id
 * and in the register's listing, and get a typed problem for an unknown id. Every value below is typed by the
 * generated schema: a renamed path, parameter or field in the registry breaks `tsc`, before any portal ships.
 *
 *   CIVIC_GATEWAY_URL=http://127.0.0.1:8000 npm run example      (after `make client`; `make run` seeds `registry`)
 *
 * Prints one JSON line (what it saw) and exits 0, or names the check that failed and exits 1.
 */
import { civicClient, signIn, type Query, type Schema } from "@civic-mesh/client";

const gateway = process.env.CIVIC_GATEWAY_URL ?? "http://127.0.0.1:8000";
const username = process.env.CIVIC_USERNAME ?? "registry";
const password = process.env.CIVIC_PASSWORD ?? "demo-password";

const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A fresh, valid unified social credit code (统一社会信用代码, GB 32100-2015): 17 characters and their check. */
function newUscc(): string {
  const random = Array.from({ length: 7 }, () => USCC_ALPHABET[Math.floor(Math.random() * USCC_ALPHABET.length)]);
  const body = `91110108MA${random.join("")}`;
  const total = [...body].reduce((sum, c, i) => sum + USCC_ALPHABET.indexOf(c) * USCC_WEIGHTS[i]!, 0);
  return body + USCC_ALPHABET[(31 - (total % 31)) % 31];
}

function check(ok: boolean, what: string, seen: unknown): void {
  if (!ok) {
    throw new Error(`${what}; got ${JSON.stringify(seen)}`);
  }
}

async function main(): Promise<void> {
  const token = await signIn(gateway, username, password);
  const api = civicClient(gateway, { token: token.access_token });

  const unit: Schema<"registry__EmployerIn"> = { name: "海淀区门户示例科技有限公司", uscc: newUscc(), district_code: "110108" };
  const created = await api.POST("/api/v1/registry/employers", { body: unit });
  check(created.response.status === 201 && created.data !== undefined, "registering an employer answers 201", created.error);
  const employerId = created.data!.id;

  const read = await api.GET("/api/v1/registry/employers/{employer_id}", {
    params: { path: { employer_id: employerId } },
  });
  check(read.data?.uscc === unit.uscc && read.data.name === unit.name, "the employer reads back by id", read.data ?? read.error);

  const query = { uscc: unit.uscc, page: 1, size: 10 } satisfies Query<"/api/v1/registry/employers", "get">;
  const listed = await api.GET("/api/v1/registry/employers", { params: { query } });
  const usccs = listed.data?.items.map((employer) => employer.uscc);
  check(usccs?.length === 1 && usccs[0] === unit.uscc, "the listing filtered by uscc holds just that employer", usccs ?? listed.error);

  const missing = await api.GET("/api/v1/registry/employers/{employer_id}", {
    params: { path: { employer_id: "no-such-employer" } },
  });
  check(missing.response.status === 404 && missing.error?.status === 404, "an unknown id is a 404 problem", missing.error);

  console.log(JSON.stringify({ employer_id: employerId, uscc: unit.uscc, listed: usccs, missing: missing.error?.title }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
