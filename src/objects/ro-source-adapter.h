/* ro-source-adapter.h: serving one shared GObject to its replicas
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-node-private.h"

G_BEGIN_DECLS

typedef struct _RoSourceAdapter RoSourceAdapter;

RoSourceAdapter *ro_source_adapter_new         (RoHost          *host,
                                                GObject         *object,
                                                const char      *name,
                                                GError         **error);
void             ro_source_adapter_free        (RoSourceAdapter *self);
const char      *ro_source_adapter_get_name    (RoSourceAdapter *self);
RoInterfaceInfo *ro_source_adapter_get_info    (RoSourceAdapter *self);
/* Sends the snapshot; later changes and signals follow. The description
 * is left out when @known_signature (nullable) is the interface's. */
void             ro_source_adapter_subscribe   (RoSourceAdapter *self,
                                                RoPeer          *peer,
                                                const char      *known_signature);
void             ro_source_adapter_unsubscribe (RoSourceAdapter *self,
                                                RoPeer          *peer);
void             ro_source_adapter_invoke      (RoSourceAdapter *self,
                                                RoPeer          *peer,
                                                RoMessage       *message);
void             ro_source_adapter_push        (RoSourceAdapter *self,
                                                RoPeer          *peer,
                                                RoMessage       *message);
/* The peer caught up: send what it missed. */
void             ro_source_adapter_peer_drained (RoSourceAdapter *self,
                                                 RoPeer          *peer);
/* Sends the property changes gathered so far, so that what follows (a
 * signal, a reply) comes after them. */
void             ro_source_adapter_flush       (RoSourceAdapter *self);
/* Sends @message to every subscriber, encoded once per codec. */
void             ro_source_adapter_broadcast   (RoSourceAdapter *self,
                                                const RoMessage *message);

/* ro-host.c: replies go out after the changes the source made first. */
void             ro_host_send_reply            (RoHost          *host,
                                                RoPeer          *peer,
                                                guint32          serial,
                                                GVariant        *result,
                                                const GError    *error);

G_END_DECLS
