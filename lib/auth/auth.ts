import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SignInInput } from "@/lib/schemas/auth.ts";
import { authenticateUser } from "@/lib/services/users/authenticate-user.ts";

// Sessions are JWTs that say who signed in — nothing more. Role and disabled flag are re-read from the
// database on every request (session.ts). A session lasts 12 hours from sign-in.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  // A wrong password is an expected outcome shown on the form, not a server error worth a stack trace.
  logger: {
    error(error) {
      if (error.name !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticateUser(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
