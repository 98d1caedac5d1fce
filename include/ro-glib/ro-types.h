/* ro-types.h: enumerations and forward declarations shared by all classes
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <ro-glib/ro-version-macros.h>

G_BEGIN_DECLS

/**
 * RoReplicaState:
 * @RO_REPLICA_STATE_UNINITIALIZED: not yet attached to a node
 * @RO_REPLICA_STATE_DEFAULT: acquired, no snapshot yet (default values)
 * @RO_REPLICA_STATE_VALID: holds the source's snapshot and follows it
 * @RO_REPLICA_STATE_SUSPECT: the source was lost; the last values are kept
 * @RO_REPLICA_STATE_SIGNATURE_MISMATCH: a typed replica whose interface
 *   differs from the source's
 *
 * The life cycle of a [class@Ro.Replica].
 */
typedef enum {
  RO_REPLICA_STATE_UNINITIALIZED,
  RO_REPLICA_STATE_DEFAULT,
  RO_REPLICA_STATE_VALID,
  RO_REPLICA_STATE_SUSPECT,
  RO_REPLICA_STATE_SIGNATURE_MISMATCH,
} RoReplicaState;

/**
 * RoPropertyMode:
 * @RO_PROPERTY_MODE_READONLY: replicas only read it
 * @RO_PROPERTY_MODE_READPUSH: read-only on replicas, but
 *   [method@Ro.Replica.push_value] asks the source to set it
 * @RO_PROPERTY_MODE_READWRITE: setting it on a typed replica pushes the value
 *   to the source
 * @RO_PROPERTY_MODE_CONSTANT: sent once with the snapshot, never changes
 *
 * How replicas may use a property of a source.
 */
typedef enum {
  RO_PROPERTY_MODE_READONLY,
  RO_PROPERTY_MODE_READPUSH,
  RO_PROPERTY_MODE_READWRITE,
  RO_PROPERTY_MODE_CONSTANT,
} RoPropertyMode;

G_END_DECLS
