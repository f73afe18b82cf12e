"""Entry script of the frozen bundle: the same ``desktop.cli.main`` as the ``tamin-desk``
console script. It lives outside ``desktop/`` so that PyInstaller, which puts the script's
folder first on the module search path, analyses the installed package and nothing else."""

from desktop.cli import main

raise SystemExit(main())
