"use client";

import { useEffect } from "react";

// The session ends after a period without use. Using the app (keys, clicks) renews it, at
// most once a minute, by asking next-auth for the session, which re-issues the cookie.
export function IdleKeepAlive() {
  useEffect(() => {
    let last = Date.now();
    const renew = () => {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      void fetch("/api/auth/session", { credentials: "same-origin" });
    };
    window.addEventListener("keydown", renew);
    window.addEventListener("pointerdown", renew);
    return () => {
      window.removeEventListener("keydown", renew);
      window.removeEventListener("pointerdown", renew);
    };
  }, []);
  return null;
}
