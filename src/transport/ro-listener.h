/* ro-listener.h: accepting connections on a URL, and making them
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-url.h"

G_BEGIN_DECLS

#define RO_TYPE_LISTENER (ro_listener_get_type ())
G_DECLARE_FINAL_TYPE (RoListener, ro_listener, RO, LISTENER, GObject)

/* Binds and listens at once, accepting on the thread-default main context.
 * Unix socket files are 0600 (local: inside a 0700 directory), a stale file
 * left by a dead process is replaced, a live one gives
 * RO_ERROR_ADDRESS_IN_USE, as does a TCP port in use. The file is removed
 * when the listener is disposed. */
RoListener *ro_listener_new     (const char *url,
                                 GError    **error);
/* The bound URL: tcp://127.0.0.1:41234 for tcp://127.0.0.1:0. */
const char *ro_listener_get_url (RoListener *self);
/* Stops accepting and removes the socket file; idempotent. */
void        ro_listener_close   (RoListener *self);

/* Signal "incoming" (GSocketConnection *connection): a new connection, TCP
 * ones with TCP_NODELAY set. */

G_END_DECLS
