import { test as setup } from "@playwright/test";
import { emailOf, ROLES, signIn, storageStateOf } from "./fixtures.ts";

// Signs each demo role in once and saves its cookies; specs start from these states.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, emailOf(role));
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
