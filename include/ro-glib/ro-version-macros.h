/* ro-version-macros.h: symbol visibility and availability macros
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <glib.h>

#if defined(RO_GLIB_COMPILATION) && defined(__GNUC__)
# define _RO_EXTERN __attribute__((visibility ("default"))) extern
#else
# define _RO_EXTERN extern
#endif

/**
 * RO_AVAILABLE_IN_ALL:
 *
 * Marks a symbol as part of the public API of every libro-glib release.
 */
#define RO_AVAILABLE_IN_ALL _RO_EXTERN
