/* ro-connection.h: one peer connection speaking the ro-glib protocol
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ro-codec.h"

G_BEGIN_DECLS

#define RO_TYPE_CONNECTION (ro_connection_get_type ())
G_DECLARE_FINAL_TYPE (RoConnection, ro_connection, RO, CONNECTION, GObject)

/* Called for each incoming message after the handshake, in order.
 * @applied is TRUE when ro_connection_wait() already passed it to the
 * wait's apply function; the handler then only has the visible part left
 * (emitting signals). The handler may close or drop the connection. */
typedef void (*RoConnectionMessageFunc) (RoConnection *connection,
                                         RoMessage    *message,
                                         gboolean      applied,
                                         gpointer      user_data);
/* Called once when the handshake is done. */
typedef void (*RoConnectionReadyFunc)   (RoConnection *connection,
                                         gpointer      user_data);
/* Called once when the connection ends, with the reason. */
typedef void (*RoConnectionClosedFunc)  (RoConnection *connection,
                                         const GError *error,
                                         gpointer      user_data);

/* Called when the outgoing queue falls under the low mark after having
 * passed the high mark (see ro_connection_set_marks()). */
typedef void (*RoConnectionDrainedFunc) (RoConnection *connection,
                                         gpointer      user_data);

typedef struct
{
  RoConnectionReadyFunc ready;
  RoConnectionMessageFunc message;
  RoConnectionClosedFunc closed;
  RoConnectionDrainedFunc drained;
} RoConnectionHandlers;

/* The stream's input and output must be pollable (sockets, pipes, TLS). */
RoConnection  *ro_connection_new              (GIOStream                  *stream,
                                               gboolean                    is_server,
                                               const RoConnectionHandlers *handlers,
                                               gpointer                    user_data,
                                               GError                    **error);
/* Adds @key to the hello this side sends (before ro_connection_start());
 * @value is sunk if floating. The peer ignores keys it does not know. */
void           ro_connection_add_hello_item   (RoConnection  *self,
                                               const char    *key,
                                               GVariant      *value);
/* The peer's hello (a{sv}) once the handshake is done, else NULL. */
GVariant      *ro_connection_get_peer_hello   (RoConnection  *self);
/* Sends the hello and starts reading on the thread-default context. */
void           ro_connection_start            (RoConnection  *self);
gboolean       ro_connection_is_ready         (RoConnection  *self);
gboolean       ro_connection_is_closed        (RoConnection  *self);
/* Closes the stream and calls the closed handler, once; @error may be NULL
 * for a local close. Pending outgoing frames are dropped. */
void           ro_connection_close            (RoConnection  *self,
                                               const GError  *error);
/* Drops the handlers: nothing is called back after this. */
void           ro_connection_clear_handlers   (RoConnection  *self);

/* Encodes with the negotiated codec and queues; before the handshake is
 * done, messages wait and are encoded then. */
void           ro_connection_send             (RoConnection    *self,
                                               const RoMessage *message);
void           ro_connection_send_take        (RoConnection    *self,
                                               RoMessage       *message);
/* Queues a frame already encoded with ro_connection_get_codec(): lets one
 * encoding serve every peer. Only after the handshake. */
void           ro_connection_send_frame       (RoConnection  *self,
                                               GBytes        *frame);
const RoCodec *ro_connection_get_codec        (RoConnection  *self);
gsize          ro_connection_get_queued_bytes (RoConnection  *self);
/* TRUE while the queue is over the high mark and not yet back under the
 * low one: the peer is not keeping up. Meanwhile the connection does not
 * read from it, so that it cannot make us queue more (replies to calls it
 * goes on sending); its taking our bytes counts as a sign of life. */
gboolean       ro_connection_is_behind        (RoConnection  *self);
void           ro_connection_set_marks        (RoConnection  *self,
                                               gsize          low,
                                               gsize          high);

const char    *ro_connection_get_peer_description (RoConnection *self);
GIOStream     *ro_connection_get_stream       (RoConnection  *self);
void           ro_connection_set_max_frame_size (RoConnection *self,
                                                 gsize         max_frame_size);
void           ro_connection_set_heartbeat_interval (RoConnection *self,
                                                     guint         interval_ms);

/* Moves every source of the connection to @context (NULL: back to the one
 * it was created on). */
void           ro_connection_attach           (RoConnection  *self,
                                               GMainContext  *context);
/* The server-side connection in this process whose peer is @self, if any:
 * a blocking wait must serve it too, or it would wait for itself. */
RoConnection  *ro_connection_get_local_peer   (RoConnection  *self);
/* Pairs two connections of this process made over a socketpair. */
void           ro_connection_set_local_peer   (RoConnection  *self,
                                               RoConnection  *server);
GMainContext  *ro_connection_get_context      (RoConnection  *self);

/* During a wait: for each message as it arrives. Return TRUE to consume it
 * (it is then freed and never dispatched), FALSE to leave it queued for
 * normal dispatch; set *applied when its effect on state was applied. */
typedef gboolean (*RoConnectionPeekFunc) (RoConnection *connection,
                                          RoMessage    *message,
                                          gboolean     *applied,
                                          gpointer      user_data);
/* Reads into the queue, calling @peek, until a message arrives (or the
 * context is woken for another reason). Runs no dispatch of the queue. */
void           ro_connection_set_peek         (RoConnection         *self,
                                               RoConnectionPeekFunc  peek,
                                               gpointer              user_data);
/* Dispatches queued messages later from the connection's own context. */
void           ro_connection_schedule_dispatch (RoConnection *self);

G_END_DECLS
