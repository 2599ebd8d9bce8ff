/** Form ids are RFC 4122 version-4 UUIDs, all different. */
import { newFormId } from "../../src/workbook/form-id";

test("newFormId: version 4, variant 10xx, 1,000 distinct", () => {
  const ids = Array.from({ length: 1000 }, () => newFormId());
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(1000);
});
