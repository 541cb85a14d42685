"""Writes longform.html: a ~200 KB news page as browsers save them (run once; output shipped).

Most of a real page's weight is chrome: inline scripts and JSON, a mega-menu, ad slots,
related stories and comments. The article inside it has headings, paragraphs, a list, a
quote, links, a figure and an embed, and the page states its metadata in <meta>, Open
Graph and JSON-LD.
"""

from __future__ import annotations

import json
from pathlib import Path

PARAGRAPHS = [
    "Two years ago, generating a believable ten-second shot of a person walking through rain "
    "was a research demo. Today, studios in Los Angeles, Mumbai and Seoul are quietly using "
    "video models for previsualisation, and a handful of advertising agencies ship finished "
    "spots in which no camera was ever switched on.",
    "The change has been faster than most people in the industry expected. Directors who "
    "dismissed the first clips as uncanny now keep a model open next to their storyboards, "
    "and producers have started to budget for compute the way they once budgeted for film "
    "stock.",
    "Yet the people building these systems are careful about what they promise. The hardest "
    "problems, they say, are no longer about making a single frame look real, but about "
    "keeping a character, a room and the laws of physics consistent across a whole scene.",
    "Consistency is what separates a clip from a film. A viewer forgives a blurry background; "
    "nobody forgives an actor whose face changes between the first cut and the second.",
    "Researchers describe the next step as world models: systems that learn not only how "
    "pixels move but why they move, so that a ball thrown in one shot lands where it should "
    "in the next, and a door opened on the left stays open when the camera turns.",
    "Training such models takes enormous amounts of video and compute. Several labs say they "
    "expect training runs a hundred times larger than today's within three years, and at "
    "least one expects real-time generation at broadcast quality before the end of the "
    "decade.",
    "For the film and advertising trade, the question is less whether the tools will arrive "
    "than who will control them. Unions have begun to negotiate clauses about synthetic "
    "performers, and insurers are asking productions to document which shots were generated.",
    "Independent filmmakers are the most enthusiastic early users. For a few hundred dollars "
    "of compute, a two-person team can now produce establishing shots that once required a "
    "helicopter, a permit and a week of good weather.",
    "Critics warn that the same tools make deception cheap. Provenance standards, which attach "
    "a signed record of how a clip was made, are spreading, but most social platforms still "
    "strip that record when a video is uploaded.",
    "The researchers interviewed for this article agreed on one point: within five years, "
    "most of the moving images people see in advertising will be at least partly generated, "
    "and audiences will stop asking whether a shot was filmed at all.",
]
HEADINGS = ["From demo to pipeline", "The consistency problem", "Who controls the tools"]


def script_blob(n: int) -> str:
    state = {"user": None, "experiments": [{"id": i, "arm": "b", "w": i * 0.01} for i in range(n)]}
    return "window.__STATE__ = " + json.dumps(state) + ";"


def menu() -> str:
    sections = ["World", "Business", "Tech", "Science", "Culture", "Film", "Opinion", "Sport"]
    items = []
    for s in sections:
        links = "".join(f'<li><a href="/{s.lower()}/{i}">{s} topic {i}</a></li>' for i in range(40))
        items.append(
            f'<li class="menu-section"><a href="/{s.lower()}">{s}</a><ul>{links}</ul></li>'
        )
    return f'<nav class="mega-menu" role="navigation"><ul>{"".join(items)}</ul></nav>'


def ad(n: int) -> str:
    return (
        f'<div class="ad-slot" id="ad-{n}" data-ad-unit="/1234/news/inline-{n}">'
        f'<script>googletag.cmd.push(function(){{googletag.display("ad-{n}")}});</script>'
        "<span>Advertisement</span></div>"
    )


def article() -> str:
    body = []
    for i, para in enumerate(PARAGRAPHS):
        if i in (2, 5, 8):
            body.append(f"<h2>{HEADINGS[(i - 2) // 3]}</h2>")
        if i == 3:
            body.append(ad(1))
        if i == 1:
            body.append(
                '<figure><img src="https://cdn.example.com/img/set.jpg" alt="A film set" '
                'width="1200" height="800"><figcaption>A virtual production stage.</figcaption>'
                "</figure>"
            )
        if i == 4:
            body.append(
                "<blockquote><p>A clip is a picture that moves. A film is a world that "
                "holds still long enough for you to believe it.</p></blockquote>"
            )
        if i == 6:
            body.append(
                "<ul><li>Previsualisation and storyboards</li>"
                "<li>Establishing shots and backgrounds</li>"
                "<li>Localised versions of advertising spots</li></ul>"
            )
            body.append(
                '<iframe src="https://video.example.com/embed/123" width="640" height="360">'
                "</iframe>"
            )
        if i == 7:
            para = para.replace(
                "Independent filmmakers",
                '<a href="https://example.org/indie-report">Independent filmmakers</a>',
            )
        body.append(f"<p>{para}</p>")
    return "\n".join(body)


def related() -> str:
    cards = "".join(
        f'<li class="card"><a href="/story/{i}"><img src="/thumb/{i}.jpg" alt="">'
        f"<h3>Related story number {i}: what it means for you</h3></a>"
        f"<p>A short teaser for related story {i}, written to be clicked.</p></li>"
        for i in range(60)
    )
    return f'<section class="related"><h2>More from Tech</h2><ul>{cards}</ul></section>'


def comments() -> str:
    items = "".join(
        f'<li class="comment"><div class="author">reader{i}</div>'
        f"<p>Comment {i}: I have thoughts about this article and here they are at length, "
        f"for the benefit of everyone who scrolled this far.</p>"
        f'<button onclick="like({i})">Like</button></li>'
        for i in range(120)
    )
    return (
        f'<section id="comments" class="comments"><h2>120 comments</h2><ol>{items}</ol></section>'
    )


def page() -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "The Camera Is Optional: Inside the Race to Build AI Video",
        "author": [{"@type": "Person", "name": "Mara Lindqvist"}],
        "publisher": {"@type": "Organization", "name": "The Daily Frame"},
        "datePublished": "2026-03-04T08:30:00Z",
    }
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>The Camera Is Optional: Inside the Race to Build AI Video | The Daily Frame</title>
<meta name="author" content="Mara Lindqvist">
<meta property="og:site_name" content="The Daily Frame">
<meta property="og:title" content="The Camera Is Optional: Inside the Race to Build AI Video">
<meta property="article:published_time" content="2026-03-04T08:30:00Z">
<meta name="description" content="Studios and agencies are quietly adopting video models.">
<link rel="stylesheet" href="https://static.example.com/site.css">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>{script_blob(2800)}</script>
<script src="https://ads.example.com/gpt.js" async></script>
</head>
<body class="article-page">
<div id="cookie-consent" class="cookie-banner"><p>We and our 842 partners use cookies to
personalise content and ads.</p><button onclick="accept()">Accept all</button></div>
<header class="site-header"><a class="logo" href="/">The Daily Frame</a>{menu()}</header>
{ad(0)}
<main id="content"><article class="story">
<header><h1>The Camera Is Optional: Inside the Race to Build AI Video</h1>
<p class="byline">By <a rel="author" href="/people/mara">Mara Lindqvist</a> ·
<time datetime="2026-03-04">4 March 2026</time></p></header>
<div class="story-body">
{article()}
</div>
<div class="share"><a href="https://social.example/share">Share</a>
<a href="javascript:window.print()">Print</a></div>
</article></main>
{related()}
{comments()}
<footer class="site-footer"><p>© 2026 The Daily Frame. All rights reserved.</p>
<ul>{"".join(f'<li><a href="/legal/{i}">Legal page {i}</a></li>' for i in range(30))}</ul></footer>
<script>{script_blob(600)}</script>
</body></html>
"""


if __name__ == "__main__":
    out = Path(__file__).with_name("longform.html")
    out.write_text(page(), encoding="utf-8")
    print(out, out.stat().st_size)
