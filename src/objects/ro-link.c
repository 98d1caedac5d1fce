/* ro-link.c: a connection to a URL that is remade after a loss
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <sys/socket.h>

#include "ro-connector.h"
#include "ro-node-private.h"

#define INITIAL_BACKOFF_MS 100
#define MAX_BACKOFF_MS     5000

struct _RoLink
{
  RoNode *node;          /* weak: the node owns the link */
  RoUrl *url;
  char *url_string;
  RoConnector *connector;
  RoPeer *peer;
  GSource *retry;
  gint64 retry_at;
  guint backoff_ms;
  GMainContext *context;
};

static void start (RoLink *self);

static void
connected_cb (GIOStream    *stream,
              const GError *error,
              gpointer      data)
{
  RoLink *self = data;
  g_autoptr(GError) local_error = NULL;

  g_clear_pointer (&self->connector, ro_connector_free);
  if (stream != NULL)
    self->peer = ro_node_add_peer (self->node, stream, FALSE, self->url_string, &local_error);
  else
    local_error = g_error_copy (error);

  if (self->peer == NULL)
    {
      g_debug ("Connecting to %s failed: %s", self->url_string, local_error->message);
      ro_link_peer_lost (self);
      return;
    }
  self->peer->link = self;
}

/* A host of this process and context is reached over a socketpair: no
 * accept() to wait for, and a blocking wait can serve both ends. */
static gboolean
connect_locally (RoLink *self)
{
  g_autoptr(RoHost) host = ro_host_lookup_local (self->url_string, ro_node_get_context (self->node));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) ours = NULL;
  g_autoptr(GSocket) theirs = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  g_autoptr(GSocketConnection) server = NULL;
  RoPeer *server_peer;
  int fds[2];

  /* TLS is the caller's choice of who to trust: never bypassed. */
  if (host == NULL || self->url->scheme == RO_URL_SCHEME_TLS ||
      socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return FALSE;

  ours = g_socket_new_from_fd (fds[0], &error);
  theirs = g_socket_new_from_fd (fds[1], &error);
  if (ours == NULL || theirs == NULL)
    return FALSE;
  client = g_socket_connection_factory_create_connection (ours);
  server = g_socket_connection_factory_create_connection (theirs);

  server_peer = ro_host_add_peer (host, G_IO_STREAM (server), &error);
  self->peer = server_peer != NULL ? ro_node_add_peer (self->node, G_IO_STREAM (client), FALSE, self->url_string, &error) : NULL;
  if (self->peer == NULL)
    return FALSE;
  self->peer->link = self;
  ro_connection_set_local_peer (self->peer->connection, server_peer->connection);
  return TRUE;
}

static void
start (RoLink *self)
{
  if (connect_locally (self))
    return;

  g_main_context_push_thread_default (self->context);
  self->connector = ro_connector_new (self->url, ro_node_get_tls_settings (self->node), connected_cb, self);
  g_main_context_pop_thread_default (self->context);
}

static gboolean
retry_cb (gpointer data)
{
  RoLink *self = data;

  g_clear_pointer (&self->retry, g_source_unref);
  start (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (RoLink *self,
                gint64  at)
{
  gint64 delay = MAX (at - g_get_monotonic_time (), 0);

  self->retry_at = at;
  self->retry = g_timeout_source_new ((guint) (delay / 1000));
  g_source_set_callback (self->retry, retry_cb, self, NULL);
  g_source_set_static_name (self->retry, "[ro] link retry");
  g_source_attach (self->retry, self->context);
}

RoLink *
ro_link_new (RoNode      *node,
             const char  *url,
             GError     **error)
{
  g_autoptr(RoUrl) parsed = ro_url_parse (url, error);
  RoLink *self;

  if (parsed == NULL)
    return NULL;

  self = g_new0 (RoLink, 1);
  self->node = node;
  self->url_string = ro_url_to_string (parsed);
  self->url = g_steal_pointer (&parsed);
  self->backoff_ms = INITIAL_BACKOFF_MS;
  self->context = g_main_context_ref (ro_node_get_context (node));
  start (self);
  return self;
}

void
ro_link_free (RoLink *self)
{
  g_clear_pointer (&self->connector, ro_connector_free);
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_source_unref (self->retry);
    }
  if (self->peer != NULL)
    self->peer->link = NULL;
  ro_url_free (self->url);
  g_free (self->url_string);
  g_main_context_unref (self->context);
  g_free (self);
}

const char *
ro_link_get_url (RoLink *self)
{
  return self->url_string;
}

RoPeer *
ro_link_get_peer (RoLink *self)
{
  return self->peer;
}

void
ro_link_peer_ready (RoLink *self)
{
  self->backoff_ms = INITIAL_BACKOFF_MS;
}

/* Tries again after a delay that doubles up to a bound. */
void
ro_link_peer_lost (RoLink *self)
{
  if (self->peer != NULL)
    self->peer->link = NULL;
  self->peer = NULL;
  if (self->retry != NULL || self->connector != NULL)
    return;

  schedule_retry (self, g_get_monotonic_time () + (gint64) self->backoff_ms * 1000);
  self->backoff_ms = MIN (self->backoff_ms * 2, MAX_BACKOFF_MS);
}

/* During a blocking wait the retry is due at once: waiting for the timer
 * would only spend the caller's timeout. */
void
ro_link_attach (RoLink       *self,
                GMainContext *context)
{
  gboolean waiting = context != NULL;

  if (context == NULL)
    context = ro_node_get_context (self->node);

  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);

  if (self->connector != NULL)
    ro_connector_attach (self->connector, context);
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
      schedule_retry (self, waiting ? 0 : self->retry_at);
    }
  if (self->peer != NULL)
    ro_connection_attach (self->peer->connection, waiting ? context : NULL);
}
