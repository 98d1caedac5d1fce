/* ro-error.c: the RO_ERROR domain
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "ro-glib.h"

/**
 * ro_error_quark:
 *
 * Gets the quark of the %RO_ERROR domain.
 *
 * Returns: the error domain quark
 */
G_DEFINE_QUARK (ro-error-quark, ro_error)
