import type { Config } from "tailwindcss";

// Tailwind v4 reads this through `@config` in app/globals.css. Status colours are named once here so
// every badge, chart band and legend uses the same ones.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        healthy: { DEFAULT: "#15803d", soft: "#dcfce7" },
        warning: { DEFAULT: "#b45309", soft: "#fef3c7" },
        critical: { DEFAULT: "#b91c1c", soft: "#fee2e2" },
        nodata: { DEFAULT: "#475569", soft: "#e2e8f0" },
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
    },
  },
} satisfies Config;
