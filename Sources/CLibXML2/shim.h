// libxml2's encoding.h includes the system ICU headers when LIBXML_ICU_ENABLED is
// defined; those clash with Foundation's private copy of ICU (_FoundationICU).
// Dossier never needs ICU from libxml2, so switch it off before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
