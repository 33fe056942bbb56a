// rapidjson_schema.cpp - benchmark peer: RapidJSON's streaming JSON Schema
// validator (draft-04) driven by its SAX Reader, no DOM for the input.
//
//   rapidjson_schema [--multi] [--pointer /definitions/session] SCHEMA FILE
//
// The schema is loaded into a SchemaDocument; the input is read through a
// FileReadStream with a 64 KiB buffer and Reader::Parse(stream, validator)
// feeds the GenericSchemaValidator.  The reader also checks UTF-8
// (kParseValidateEncodingFlag), since yajl and sessval do.  --multi
// validates a stream of values (NDJSON), each on its own; --pointer makes a
// subschema the root (e.g. a session definition for NDJSON lines): the
// schema keeps its definitions and gets "$ref": "#<pointer>" as its root.
//
// Prints nothing and exits 0 when valid; one line (where and which keyword)
// and exit 1 when not; exit 2 on usage, I/O or schema errors.
#include <cstdio>
#include <cstring>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

using namespace rapidjson;

static const unsigned kFlags = kParseValidateEncodingFlag;

static bool load_schema(const char *path, const char *pointer, Document &d)
{
    FILE *fp = std::fopen(path, "rb");
    if (!fp) {
        std::fprintf(stderr, "rapidjson_schema: %s: %s\n", path, std::strerror(errno));
        return false;
    }
    char buf[65536];
    FileReadStream is(fp, buf, sizeof buf);
    d.ParseStream(is);
    std::fclose(fp);
    if (d.HasParseError() || !d.IsObject()) {
        std::fprintf(stderr, "rapidjson_schema: %s: not a JSON object (%s at %zu)\n", path,
                     GetParseError_En(d.GetParseError()), d.GetErrorOffset());
        return false;
    }
    if (pointer) {
        // Keep only what a "$ref" root needs, then point the root at the
        // subschema; RapidJSON resolves "$ref" and ignores its siblings.
        static const char *keep[] = {"$schema", "id", "$id", "definitions", "$defs"};
        Document root(kObjectType);
        for (const char *k : keep) {
            Value::MemberIterator m = d.FindMember(k);
            if (m != d.MemberEnd())
                root.AddMember(Value(k, root.GetAllocator()),
                               Value(m->value, root.GetAllocator()), root.GetAllocator());
        }
        std::string ref = std::string("#") + pointer;
        root.AddMember("$ref", Value(ref.c_str(), root.GetAllocator()), root.GetAllocator());
        d.Swap(root);
    }
    return true;
}

static void report(const SchemaValidator &v, unsigned long doc)
{
    StringBuffer sp, dp;
    v.GetInvalidSchemaPointer().StringifyUriFragment(sp);
    v.GetInvalidDocumentPointer().StringifyUriFragment(dp);
    std::printf("document %lu: %s: fails \"%s\" of schema %s\n", doc, dp.GetString(),
                v.GetInvalidSchemaKeyword(), sp.GetString());
}

int main(int argc, char **argv)
{
    bool multi = false;
    const char *pointer = nullptr;
    int i = 1;
    for (; i < argc; i++) {
        if (!std::strcmp(argv[i], "--multi"))
            multi = true;
        else if (!std::strcmp(argv[i], "--pointer") && i + 1 < argc)
            pointer = argv[++i];
        else
            break;
    }
    if (argc - i != 2) {
        std::fprintf(stderr, "usage: rapidjson_schema [--multi] [--pointer P] SCHEMA FILE\n");
        return 2;
    }
    Document sd_json;
    if (!load_schema(argv[i], pointer, sd_json))
        return 2;
    SchemaDocument schema(sd_json);

    FILE *fp = std::fopen(argv[i + 1], "rb");
    if (!fp) {
        std::fprintf(stderr, "rapidjson_schema: %s: %s\n", argv[i + 1], std::strerror(errno));
        return 2;
    }
    static char buf[65536];
    FileReadStream is(fp, buf, sizeof buf);
    SchemaValidator validator(schema);
    Reader reader;
    int rc = 0;
    unsigned long doc = 0;
    for (;;) {
        if (multi) {
            while (is.Peek() == ' ' || is.Peek() == '\n' || is.Peek() == '\r' || is.Peek() == '\t')
                is.Take();
            if (is.Peek() == '\0' && doc > 0)
                break;
        }
        ParseResult ok = multi ? reader.Parse<kFlags | kParseStopWhenDoneFlag>(is, validator)
                               : reader.Parse<kFlags>(is, validator);
        if (!validator.IsValid()) {
            report(validator, doc);
            rc = 1;
            break;
        }
        if (!ok) {
            std::printf("document %lu: invalid JSON: %s at offset %zu\n", doc,
                        GetParseError_En(ok.Code()), ok.Offset());
            rc = 1;
            break;
        }
        doc++;
        if (!multi)
            break;
        validator.Reset();
    }
    std::fclose(fp);
    return rc;
}
