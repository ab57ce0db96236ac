"use client";

import { Button } from "@/components/ui/button";

/**
 * Plays the page's recording from a moment: the first audio or video on the page (a discussion
 * has one recording; its player is in the files list). The player takes focus, so keyboard users
 * land on its controls.
 */
export function PlayFrom({ seconds, at, covers }: { seconds: number; at: string; covers: string }) {
  return (
    <Button
      variant="secondary"
      // The name starts with the visible words (WCAG 2.5.3, label in name), then says which criterion.
      aria-label={`Play from ${at} (covers ${covers})`}
      onClick={() => {
        const player = document.querySelector<HTMLMediaElement>("audio, video");
        if (!player) return;
        player.currentTime = seconds;
        player.focus();
        void player.play().catch(() => {});
      }}
    >
      Play from {at}
    </Button>
  );
}
