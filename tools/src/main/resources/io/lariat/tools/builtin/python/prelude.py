# Evaluated once per pooled context. The last expression is the cell runner the Java side keeps; the user's
# namespace is a separate dict, so user code never sees these names. Only built-in modules are imported here:
# pure-Python modules such as ast or traceback cost seconds of start-up in GraalPy's interpreter.
def _lariat_make_runner():
    import _ast, sys

    try:
        import _posixsubprocess

        def refuse_process(*args, **kwargs):
            raise PermissionError(1, 'process creation is not permitted in this sandbox')

        # The sandbox refuses processes anyway, but subprocess would then wait forever on its status pipe.
        _posixsubprocess.fork_exec = refuse_process
    except ImportError:
        pass

    # The host's kernel release and version are nobody's business: uname keeps only the system and machine names.
    import posix
    real = posix.uname()
    neutral = type(real)((real.sysname, '', '', '', real.machine))
    posix.uname = lambda: neutral
    if 'os' in sys.modules:
        sys.modules['os'].uname = posix.uname

    MAX_FRAMES = 20
    namespace = {'__name__': '__main__', '__builtins__': __builtins__}
    sources = {}

    def source_line(filename, lineno):
        lines = sources.get(filename, '').splitlines()
        return lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ''

    def frame_lines(tb):
        # Only frames of the user's cells: the runner's own frames are noise to the model. Like CPython, repeats
        # of one frame collapse after three, and only the innermost MAX_FRAMES entries are kept.
        entries, last, repeats = [], None, 0
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename in sources:
                key = (code.co_filename, tb.tb_lineno, code.co_name)
                repeats = repeats + 1 if key == last else 0
                last = key
                if repeats < 3:
                    entries.append(key)
                elif repeats == 3:
                    entries.append(1)
                else:
                    entries[-1] += 1
            tb = tb.tb_next
        omitted = max(0, len(entries) - MAX_FRAMES)
        lines = ['  [%d earlier frames omitted]' % omitted] if omitted else []
        for entry in entries[omitted:]:
            if isinstance(entry, int):
                lines.append('  [Previous line repeated %d more times]' % entry)
                continue
            lines.append('  File "%s", line %d, in %s' % entry)
            text = source_line(entry[0], entry[1])
            if text:
                lines.append('    ' + text)
        return lines

    def syntax_lines(error):
        lines = ['  File "%s", line %s' % (error.filename, error.lineno)]
        text = (error.text or '').rstrip('\n')
        if text:
            indent = len(text) - len(text.lstrip())
            lines.append('    ' + text.strip())
            if error.offset:
                lines.append('    ' + ' ' * max(0, error.offset - 1 - indent) + '^')
        return lines

    def describe(error):
        name = type(error).__name__
        if isinstance(error, SyntaxError):
            message = error.msg or ''
            lines = syntax_lines(error)
        else:
            try:
                message = str(error)
            except BaseException:
                message = '<unprintable %s object>' % name
            frames = frame_lines(error.__traceback__)
            lines = ['Traceback (most recent call last):'] + frames if frames else []
        lines.append(name + ': ' + message if message else name)
        return ('error', name, message, '\n'.join(lines))

    def run(source, cap):
        name = '<cell %d>' % (len(sources) + 1)
        sources[name] = source
        try:
            tree = compile(source, name, 'exec', _ast.PyCF_ONLY_AST)
            last = None
            if tree.body and isinstance(tree.body[-1], _ast.Expr):
                last = _ast.Expression(tree.body.pop().value)
            exec(compile(tree, name, 'exec'), namespace)
            if last is None:
                return ('ok', None)
            value = eval(compile(last, name, 'eval'), namespace)
            # Cut in the guest so a huge repr never crosses into Java whole; cap + 1 lets Java see the cut.
            return ('ok', None if value is None else repr(value)[:cap + 1])
        except BaseException as error:
            return describe(error)
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    # The user closed or replaced the stream; what it held is theirs to lose.
                    pass

    # The first cell of a worker runs GraalPy's parser, compiler and interpreter paths for the first time, in a JVM
    # that has not yet compiled them; a cell with common syntax run here, while the worker is prepared, keeps that
    # off the first call of a session. Its name and output are discarded (the host resets the streams).
    run("_lariat_w = [i * 2 + 1 for i in range(3)]\nprint(len(_lariat_w), 'x' + str(1.5))\n"
        "{'a': _lariat_w}['a'][0] if _lariat_w else None", 16)
    namespace.pop('_lariat_w', None)
    sources.clear()
    return run

_lariat_make_runner()
