/* ro-peer.c: one connection's state, and the calls waiting on it
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "ro-node-private.h"
#include "ro-invocation-private.h"

RoPeer *
ro_peer_ref (RoPeer *peer)
{
  g_atomic_ref_count_inc (&peer->ref_count);
  return peer;
}

void
ro_peer_unref (RoPeer *peer)
{
  if (!g_atomic_ref_count_dec (&peer->ref_count))
    return;

  g_assert (peer->calls == NULL || g_hash_table_size (peer->calls) == 0);
  if (peer->connection != NULL)
    {
      ro_connection_clear_handlers (peer->connection);
      ro_connection_close (peer->connection, NULL);
      g_object_unref (peer->connection);
    }
  g_clear_pointer (&peer->announced, g_hash_table_unref);
  g_clear_pointer (&peer->calls, g_hash_table_unref);
  g_clear_pointer (&peer->invocations, g_hash_table_unref);
  g_clear_pointer (&peer->subscriptions, g_hash_table_unref);
  g_free (peer->url);
  g_free (peer);
}

guint32
ro_peer_next_serial (RoPeer *peer)
{
  /* 0 means "no reply wanted" on the wire. */
  if (++peer->next_serial == 0)
    peer->next_serial = 1;
  return peer->next_serial;
}

static void call_cancelled_cb (GCancellable *cancellable,
                               gpointer      data);

RoCall *
ro_call_new (RoMessage      *message,
             GMainContext   *context,
             GCancellable   *cancellable,
             RoCallDoneFunc  done,
             gpointer        data,
             GDestroyNotify  data_free)
{
  RoCall *call = g_new0 (RoCall, 1);

  call->message = message;
  call->done = done;
  call->data = data;
  call->data_free = data_free;
  call->context = g_main_context_ref (context);
  if (cancellable != NULL && done != NULL)
    {
      call->cancellable = g_object_ref (cancellable);
      call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (call_cancelled_cb), call, NULL);
    }
  return call;
}

static void
ro_call_free (RoCall *call)
{
  if (call->cancelled_id != 0)
    g_cancellable_disconnect (call->cancellable, call->cancelled_id);
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_source_unref (call->cancel_source);
    }
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->context, g_main_context_unref);
  g_clear_pointer (&call->message, ro_message_free);
  g_clear_pointer (&call->peer, ro_peer_unref);
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_free (call);
}

void
ro_call_complete (RoCall       *call,
                  GVariant     *result,
                  const GError *error)
{
  if (call->peer != NULL && call->peer->calls != NULL)
    g_hash_table_steal (call->peer->calls, GUINT_TO_POINTER (call->serial));
  if (call->queued_on != NULL)
    g_queue_remove (&call->queued_on->queued_calls, call);
  if (call->done != NULL)
    call->done (call, result, error);
  ro_call_free (call);
}

/* Cancellation is finished from an idle of the call's context: completing
 * inside the cancellable's handler would deadlock on its disconnect. */
static gboolean
call_cancelled_idle_cb (gpointer data)
{
  RoCall *call = data;
  g_autoptr(GError) error = NULL;

  if (call->peer != NULL && call->serial != 0)
    {
      RoMessage *cancel = ro_message_new (RO_MESSAGE_CANCEL);

      cancel->serial = call->serial;
      ro_connection_send_take (call->peer->connection, cancel);
    }

  g_cancellable_set_error_if_cancelled (call->cancellable, &error);
  ro_call_complete (call, NULL, error);
  return G_SOURCE_REMOVE;
}

static void
call_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  RoCall *call = data;

  if (call->cancel_source != NULL)
    return;
  call->cancel_source = g_idle_source_new ();
  g_source_set_priority (call->cancel_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (call->cancel_source, call_cancelled_idle_cb, call, NULL);
  g_source_attach (call->cancel_source, call->context);
}

void
ro_call_send (RoCall *call,
              RoPeer *peer)
{
  RoMessage *message = g_steal_pointer (&call->message);

  if (call->done == NULL)
    {
      /* Fire and forget: no serial, nothing to wait for. */
      message->serial = 0;
      ro_connection_send_take (peer->connection, message);
      ro_call_free (call);
      return;
    }

  call->peer = ro_peer_ref (peer);
  call->serial = ro_peer_next_serial (peer);
  message->serial = call->serial;
  g_hash_table_insert (peer->calls, GUINT_TO_POINTER (call->serial), call);
  ro_connection_send_take (peer->connection, message);
}
