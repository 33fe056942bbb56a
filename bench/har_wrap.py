#!/usr/bin/env python3
"""har_wrap.py PAGE N OUT: a HAR 1.2 archive of N entries, each a
GET /api/v1/jobSessions?offset=K whose response content.text is PAGE (a
file, e.g. from bench/gen), written as it goes (a 1 GB archive needs no
memory).  For the HAR memory figures of `make bench`."""
import json
import sys

page_path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
page = open(page_path, encoding="utf-8").read()
text = json.dumps(page)
with open(out, "w", encoding="utf-8") as f:
    f.write('{"log":{"version":"1.2","creator":{"name":"har_wrap.py",'
            '"version":"1"},"entries":[')
    for i in range(n):
        f.write("," if i else "")
        f.write(
            '{"startedDateTime":"2020-02-07T12:30:00.000Z","time":41.5,'
            '"request":{"method":"GET","url":"https://vbaz.example.com/api/'
            'v1/jobSessions?offset=%d","httpVersion":"HTTP/1.1","headers":'
            '[{"name":"Authorization","value":"Bearer x"}],"queryString":[],'
            '"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status"'
            ':200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[{'
            '"name":"Content-Type","value":"application/json; charset=utf-8"'
            '}],"cookies":[],"content":{"size":%d,"mimeType":'
            '"application/json","text":%s},"redirectURL":"","headersSize":-1,'
            '"bodySize":-1},"cache":{},"timings":{"send":0,"wait":40,'
            '"receive":1.5}}' % (i, len(page.encode()), text))
    f.write("]}}")
