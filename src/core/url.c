/* Linkable URLs; see url.h. */
#include "url.h"

#include <stddef.h>

int lr_url_is_linkable(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    if (!url)
        return 0;
    for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
        const unsigned char *p = (const unsigned char *)url;
        const char *s = schemes[k];
        while (*s) {
            while (*p && *p <= 0x20) /* browsers drop tabs and line breaks anywhere */
                p++;
            unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;
            if (c != (unsigned char)*s)
                break;
            p++;
            s++;
        }
        if (!*s)
            return 1;
    }
    return 0;
}
