/* repc-names.c: how .rep names become GObject and C names
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "repc.h"

/*
 * One rule serves every name, because member names and enum nicks are part
 * of the interface signature: words start at an uppercase letter that
 * follows a lowercase one (satellitesInView), at the last capital of an
 * acronym that starts a word (HTTPServer) and at an underscore; digits stick
 * to the word before them (Fix2D). Words are joined by '-' (GObject names,
 * nicks) or '_' (C names).
 */
char *
repc_kebab (const char *name)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (name);

  for (gsize i = 0; i < len; i++)
    {
      char c = name[i];
      char prev = i > 0 ? name[i - 1] : '\0';
      char next = name[i + 1];

      if (c == '_' || c == '-')
        {
          if (out->len > 0 && out->str[out->len - 1] != '-')
            g_string_append_c (out, '-');
          continue;
        }

      if (g_ascii_isupper (c) && out->len > 0 && out->str[out->len - 1] != '-' &&
          (g_ascii_islower (prev) ||
           ((g_ascii_isupper (prev) || g_ascii_isdigit (prev)) && g_ascii_islower (next))))
        g_string_append_c (out, '-');

      g_string_append_c (out, g_ascii_tolower (c));
    }

  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
repc_snake (const char *name)
{
  char *s = repc_kebab (name);

  g_strdelimit (s, "-", '_');
  return s;
}

char *
repc_upper (const char *name)
{
  g_autofree char *s = repc_snake (name);

  return g_ascii_strup (s, -1);
}

/* C keywords, and the local names generated functions use, which a
 * parameter or field must not take. */
static const char * const reserved[] = {
  "auto", "bool", "break", "case", "char", "const", "continue", "default",
  "do", "double", "else", "enum", "extern", "false", "float", "for", "goto",
  "if", "inline", "int", "long", "register", "restrict", "return", "short",
  "signed", "sizeof", "static", "struct", "switch", "true", "typedef",
  "union", "unsigned", "void", "volatile", "while",
  "NULL", "TRUE", "FALSE",
  "args", "callback", "child", "children", "cancellable", "error", "klass",
  "new_value", "object", "object_class", "out_result", "priv", "prop_id",
  "pspec", "reply", "result", "self", "timeout_ms", "user_data", "value",
  NULL
};

gboolean
repc_is_reserved_c_name (const char *name)
{
  return name[0] == '_' || g_strv_contains (reserved, name);
}
