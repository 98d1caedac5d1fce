/* ro-version.c: the version of the running library
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "ro-glib.h"

/**
 * ro_get_major_version:
 *
 * Gets the major version of the library the program runs with, which may be
 * newer than %RO_MAJOR_VERSION, the one it was compiled against.
 *
 * Returns: the major version of the libro-glib the program runs with
 */
guint
ro_get_major_version (void)
{
  return RO_MAJOR_VERSION;
}

/**
 * ro_get_minor_version:
 *
 * Gets the minor version of the library the program runs with; see
 * [func@Ro.get_major_version].
 *
 * Returns: the minor version of the libro-glib the program runs with
 */
guint
ro_get_minor_version (void)
{
  return RO_MINOR_VERSION;
}

/**
 * ro_get_micro_version:
 *
 * Gets the micro version of the library the program runs with; see
 * [func@Ro.get_major_version].
 *
 * Returns: the micro version of the libro-glib the program runs with
 */
guint
ro_get_micro_version (void)
{
  return RO_MICRO_VERSION;
}
