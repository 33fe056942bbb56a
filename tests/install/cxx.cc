// The public header compiles as C++ (extern "C", no C-only syntax) and its
// types and functions are usable from C++.
#include <sessval.h>

#include <cstdio>
#include <cstring>

int main()
{
    sv_options o;
    sv_options_init(&o);
    o.strict = true;
    sv_callbacks cb = {};
    cb.on_session = [](void *, const sv_session *s) -> int {
        std::printf("%s\n", s->id.ptr);
        return 0;
    };
    sv_parser *p = sv_parser_new(&o, &cb, nullptr);
    const char doc[] = "{\"offset\":0,\"limit\":0,\"totalCount\":0,\"results\":[],"
                       "\"_links\":{\"self\":{\"href\":\"https://h/x\"}}}";
    sv_status st = sv_parser_feed(p, doc, std::strlen(doc));
    if (st == SV_OK)
        st = sv_parser_finish(p);
    sv_parser_free(p);
    return st == SV_OK ? 0 : 1;
}
