/* ro-error.h: the RO_ERROR domain
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
 * RO_ERROR:
 *
 * The error domain of libro-glib. Errors in this domain are from the
 * [error@Ro.Error] enumeration.
 */
#define RO_ERROR (ro_error_quark ())

/**
 * RoError:
 * @RO_ERROR_FAILED: anything else; treat unknown codes as this one
 * @RO_ERROR_INVALID_URL: a malformed or unsupported URL
 * @RO_ERROR_ADDRESS_IN_USE: the address is already served by someone else
 * @RO_ERROR_NOT_FOUND: no such source, method or property
 * @RO_ERROR_INVALID_ARGUMENTS: wrong argument count or types, or a value of a
 *   type that cannot be remoted
 * @RO_ERROR_PROTOCOL: a malformed message or a protocol version mismatch
 * @RO_ERROR_SIGNATURE_MISMATCH: the replica's interface differs from the source's
 * @RO_ERROR_DISCONNECTED: the connection to the peer was lost
 * @RO_ERROR_TIMED_OUT: no answer came in time
 * @RO_ERROR_CANCELLED: the operation was cancelled by the peer
 * @RO_ERROR_PERMISSION_DENIED: the peer was refused
 * @RO_ERROR_REMOTE: the source's method returned an error; its message is kept
 *
 * Error codes of the %RO_ERROR domain.
 */
typedef enum {
  RO_ERROR_FAILED,
  RO_ERROR_INVALID_URL,
  RO_ERROR_ADDRESS_IN_USE,
  RO_ERROR_NOT_FOUND,
  RO_ERROR_INVALID_ARGUMENTS,
  RO_ERROR_PROTOCOL,
  RO_ERROR_SIGNATURE_MISMATCH,
  RO_ERROR_DISCONNECTED,
  RO_ERROR_TIMED_OUT,
  RO_ERROR_CANCELLED,
  RO_ERROR_PERMISSION_DENIED,
  RO_ERROR_REMOTE,
} RoError;

RO_AVAILABLE_IN_ALL
GQuark ro_error_quark (void);

G_END_DECLS
