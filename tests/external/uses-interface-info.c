/* uses-interface-info.c: a program outside the library, built only through
 * pkg-config, as a user's would be.
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>

#include <ro-glib/ro-glib.h>

#if !RO_CHECK_VERSION (0, 1, 0)
#error "RO_CHECK_VERSION does not accept this library's own version"
#endif

int
main (void)
{
  GError *error = NULL;
  RoInterfaceInfo *info = ro_interface_info_new_for_type (G_TYPE_APPLICATION, &error);

  if (info == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%s %s %u.%u.%u\n", ro_interface_info_get_name (info), ro_interface_info_get_signature (info),
          ro_get_major_version (), ro_get_minor_version (), ro_get_micro_version ());
  ro_interface_info_unref (info);
  return ro_get_minor_version () == RO_MINOR_VERSION ? 0 : 1;
}
