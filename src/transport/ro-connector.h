/* ro-connector.h: one non-blocking connection attempt to a URL
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-url.h"

G_BEGIN_DECLS

typedef struct _RoConnector RoConnector;

/* For tls:// URLs; every field may be NULL. */
typedef struct
{
  GTlsDatabase *database;       /* CAs to trust; NULL: the system's */
  GTlsCertificate *pinned;      /* accept exactly this server certificate */
  GTlsCertificate *certificate; /* ours, for hosts that ask for one */
} RoTlsSettings;

/* Called once, from a source of the connector's context, never from
 * ro_connector_new(): with a connected stream (a GSocketConnection, or a
 * GTlsConnection after its handshake), or with an error. */
typedef void (*RoConnectorFunc) (GIOStream    *stream,
                                 const GError *error,
                                 gpointer      user_data);

/* Starts connecting at once on the thread-default context. */
RoConnector *ro_connector_new    (const RoUrl         *url,
                                  const RoTlsSettings *tls,
                                  RoConnectorFunc      func,
                                  gpointer             user_data);
/* Moves the attempt's sources to @context. */
void         ro_connector_attach (RoConnector     *self,
                                  GMainContext    *context);
/* Abandons the attempt; the function is not called. */
void         ro_connector_free   (RoConnector     *self);

G_END_DECLS
