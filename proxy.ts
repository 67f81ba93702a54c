import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Redirects signed-out visitors of dashboard pages to /signin. It is a convenience, not a guard: every page,
// route handler and action checks the user and the permissions table itself (lib/auth/session.ts).
//
// It only reads the session cookie, never writes one. next-auth's own middleware re-issues the cookie on every
// request, and a link prefetch answered after a sign-out would put the session back in the browser.

export async function proxy(req: NextRequest) {
  const proto = req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "");
  const token = await getToken({ req, secret: process.env.AUTH_SECRET, secureCookie: proto === "https" });
  if (token?.sub) return NextResponse.next();
  const signIn = new URL("/signin", req.url);
  signIn.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the API (which answers 401 itself), sign-in, Next's assets and static files.
  matcher: ["/((?!api/|signin|_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|ico|txt)$).*)"],
};
