from flowdiag.cli import main

main(prog_name="flowdiag")
