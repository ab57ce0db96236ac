import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Competence Portfolio", template: "%s · Competence Portfolio" },
  description:
    "Evidence portfolios for work-based qualifications: candidates, assessors, quality assurers and centre admins.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered at build time: Next can only put
  // the CSP nonce from proxy.ts on its scripts while rendering a request, and a prerendered
  // page's scripts (without it) would be blocked, leaving the page without JavaScript.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
