"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A two-step confirm ("Delete" → "Delete now"): focus moves to the confirming button when it appears and back
 * to the asking button on cancel, so the exchange works from the keyboard.
 */
export function useConfirmFocus() {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  return { confirming, setConfirming, confirmRef, askRef };
}
