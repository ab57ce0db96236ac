"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markAllNotificationsRead, markNotificationRead } from "../assessment/notifications";
import { getActor } from "../auth/session";
import { db } from "../db";
import { asText } from "../forms/read-form";

export async function markNotificationReadAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  await markNotificationRead(db, actor, { notificationId: asText(formData.get("notificationId")) });
  revalidatePath("/", "layout");
}

export async function markAllNotificationsReadAction(): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  await markAllNotificationsRead(db, actor);
  revalidatePath("/", "layout");
  redirect("/notifications?done=allRead");
}
