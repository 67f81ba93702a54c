"use client";

import { useSyncExternalStore } from "react";
import { formatTime } from "@/components/ui/format.ts";

const subscribe = () => () => {};

/**
 * A time in the reader's locale and zone, with the exact UTC instant in the title. The server (and the first
 * client render) print UTC: the server does not know the reader's zone, and hydration must match it.
 */
export function LocalTime({ at, withDate = true }: { at: string; withDate?: boolean }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const d = new Date(at);
  const text = hydrated
    ? d.toLocaleString(undefined, withDate ? { dateStyle: "medium", timeStyle: "short" } : { timeStyle: "short" })
    : formatTime(at, withDate);
  return (
    <time dateTime={at} title={`${d.toISOString().replace("T", " ").slice(0, 19)} UTC`}>
      {text}
    </time>
  );
}
