#!/usr/bin/env python3
"""Writes a FRUS-shaped TEI volume of about SIZE_MB megabytes to PATH (for memory benchmarks).

Usage: generate_volume.py PATH SIZE_MB
Documents carry a head, a dateline, a source note, paragraphs with persName/gloss links, and a
footnote, like the real series; the persons list resolves the links. Deterministic output.
"""
import sys

path, size_mb = sys.argv[1], float(sys.argv[2])
target = int(size_mb * 1_000_000)
sentence = ("The Ambassador met the <persName corresp=\"#p_BWG1\">Minister</persName> today and discussed "
            "troop allowances, transport and the subsidy for the <gloss target=\"#t_ROK1\">ROK</gloss> division. ")
with open(path, "w", encoding="utf-8") as out:
    out.write("""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title type="complete">Foreign Relations of the United States, Generated Volume</title>
<title type="subseries">1964-1968</title></titleStmt>
<publicationStmt><publisher>Benchmark</publisher><date>1999</date><idno type="frus">frus1999v99</idno></publicationStmt>
<sourceDesc><p>generated</p></sourceDesc></fileDesc></teiHeader><text><front>
<div type="section" xml:id="persons"><list type="names"><item><persName xml:id="p_BWG1">Brown, Winthrop G.</persName>, Ambassador to Korea</item></list></div>
<div type="section" xml:id="terms"><list type="terms"><item><term xml:id="t_ROK1">ROK</term>, Republic of Korea</item></list></div>
</front><body><div type="chapter" xml:id="ch1"><head>Generated</head>
""")
    written, d = 0, 0
    while written < target:
        d += 1
        doc = [f'<div type="document" xml:id="d{d}" n="{d}"><head>{d}. Telegram From the Embassy in Korea to the Department of State'
               f'<note n="1" xml:id="d{d}fn1" type="source">Source: National Archives, RG 59, Central Files 1964-66, POL 27 VIET S. Secret.</note></head>'
               f'<dateline><placeName>Seoul</placeName>, <date when="1965-06-{1 + d % 28:02d}">June {1 + d % 28}, 1965</date></dateline>']
        for p in range(8):
            doc.append(f"<p>{d}.{p}. " + sentence * 3 + "</p>")
        doc.append("</div>\n")
        chunk = "".join(doc)
        out.write(chunk)
        written += len(chunk.encode("utf-8"))
    out.write("</div></body></text></TEI>\n")
print(f"{path}: {d} documents, about {written / 1e6:.0f} MB", file=sys.stderr)
