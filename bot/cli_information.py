"""`binhyen content import|export` and `binhyen factchecks match`: the fact-check library from a
shell. Kept apart from cli.py so each feature's commands are one place to read."""

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.services.container import Services
from bot.services.content_files import export_document
from bot.services.match_feedback import Outcome

# A file that cannot be imported is bad input like any other: exit code 2, as for usage errors.
EXIT_INVALID = 2
FEEDBACK_DEFAULT = (Outcome.CONFIRMED, Outcome.CHOSEN, Outcome.NOT_THIS, Outcome.NONE_OF_THESE)


class CommandError(Exception):
    """A problem with the command line or the machine it runs on, in one line for the operator."""


async def content_import(services: Services, args: argparse.Namespace) -> int:
    """Each file imports whole or not at all; the others still import."""
    files = services.content_files.files(Path(args.path))
    if not files or not all(path.is_file() for path in files):
        raise CommandError(f"no YAML file at {args.path}")
    failed = 0
    for path in files:
        report = await services.content_files.import_file(path)
        if len(report.errors) == 1:
            failed += 1
            print(f"{report.errors[0]} (not imported)", file=sys.stderr)
        elif report.errors:
            failed += 1
            for error in report.errors:
                print(error, file=sys.stderr)
            print(f"{path}: not imported ({len(report.errors)} problems)", file=sys.stderr)
        else:
            print(f"{path}: {report.created} created, {report.updated} updated")
    return EXIT_INVALID if failed else 0


async def content_export(services: Services, args: argparse.Namespace) -> int:
    document = export_document(
        await services.factchecks.all(), await services.notices.all(), await services.groups.all()
    )
    if args.path == "-":
        sys.stdout.write(document)
    else:
        try:
            await asyncio.to_thread(Path(args.path).write_text, document, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {args.path}: {exc.strerror or exc}") from None
        print(f"wrote {args.path}")
    return 0


async def factchecks_match(services: Services, args: argparse.Namespace) -> int:
    result = await services.factchecks.match(args.text)
    direct = result.direct.factcheck.id if result.direct else None
    if args.json:
        rows = [
            {
                "id": m.factcheck.key,
                "score": m.score,
                "verdict": m.factcheck.verdict.value,
                "claim": m.factcheck.claim,
                "direct": m.factcheck.id == direct,
            }
            for m in result.candidates
        ]
        print(json.dumps({"candidates": rows}, ensure_ascii=False, indent=2))
        return 0
    if not result.candidates:
        print("no candidate")
    for rank, m in enumerate(result.candidates, start=1):
        mark = "  (direct answer)" if m.factcheck.id == direct else ""
        print(f"{rank}. {m.score:.3f}  {m.factcheck.key}  [{m.factcheck.verdict.value}]{mark}")
        print(f"   {m.factcheck.claim}")
    return 0


async def factchecks_reindex(services: Services, args: argparse.Namespace) -> int:
    """The refresh already ran before this command (as before every fact-check command); this
    forces one even when the lexicon's fingerprint is unchanged."""
    rewritten = await services.factchecks.refresh_index(force=True)
    print(f"{rewritten} claims normalised with the current lexicon")
    return 0


async def factchecks_feedback(services: Services, args: argparse.Namespace) -> int:
    """One line per message: outcome, fact-check key, the message in the matcher's words. Words
    of a confirmed or chosen message that its claim lacks are candidates for equivalences."""
    outcomes = [Outcome(o) for o in args.outcome] if args.outcome else list(FEEDBACK_DEFAULT)
    for row in await services.match_feedback.texts(outcomes):
        print(f"{row.outcome.value}\t{row.key}\t{row.words}")
    return 0
