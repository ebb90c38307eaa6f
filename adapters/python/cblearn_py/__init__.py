"""cblearn's Python adapter as a package of small modules, one job each (docs/tracks.md).

`cblearn_adapter.py` beside this folder is the entry point; `serve.main` runs the adapter:

- `wire`: the protocol channel (file descriptor 1 kept for replies) and the JSON Lines reader and writer;
- `clock`: the virtual clock and the time functions patched to read it;
- `locks`: greenlet (optional) and the re-entrant lock owned by a greenlet;
- `errors`: the adapter's error, and how a learner's exception is described;
- `results`: the scripted operation's errors and values, and `sort_result`, the one place a call's
  result is sorted (success, counted failure, uncounted error, rejection, fallback, ...);
- `fallbacks`: the fallback behaviours a request may ask for;
- `learner`: loading the learner's module and naming its states;
- `workers`: reusable threads for calls in flight;
- `host`: one learner breaker class behind the protocol's operations;
- `races`: the `race` operation;
- `batches`, `batch_threads`, `batch_events`: the `batch` operation on greenlets, on threads without
  greenlet, and what the two share;
- `serve`: the request loop and the dispatch of operations.
"""
