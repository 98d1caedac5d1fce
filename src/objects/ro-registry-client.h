/* ro-registry-client.h: a node's use of a registry
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-node-private.h"

G_BEGIN_DECLS

typedef struct _RoRegistryClient RoRegistryClient;

RoRegistryClient *ro_registry_client_new              (RoNode           *node,
                                                       const char       *url,
                                                       GError          **error);
void              ro_registry_client_free             (RoRegistryClient *self);
gboolean          ro_registry_client_is_for           (RoRegistryClient *self,
                                                       RoRemoteSource   *source);
/* The registry's snapshot arrived: a host registers its sources. */
void              ro_registry_client_register_all     (RoRegistryClient *self);
/* The registry's snapshot or a change of its list arrived. */
void              ro_registry_client_update           (RoRegistryClient *self);
/* A source the node wants has no host yet: connect to the one listed. */
void              ro_registry_client_resolve          (RoRegistryClient *self,
                                                       const char       *name);
/* A host's own sources, registered while the registry is reachable. */
void              ro_registry_client_source_enabled   (RoRegistryClient *self,
                                                       const char       *name,
                                                       const char       *signature);
void              ro_registry_client_source_disabled  (RoRegistryClient *self,
                                                       const char       *name);

G_END_DECLS
