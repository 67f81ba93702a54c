import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LLM Vitals", template: "%s · LLM Vitals" },
  description: "Health scores for production LLM services",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
