"""Reference files of the real benchmarks that ship with sbsr.

``shrec13/`` holds the four class files of the SHREC 2013 SBR track (90
classes, 1,258 target models, 4,500 training and 2,700 test sketches): the
loaders are tested against them and the data chapter compares SynthSBR's class
sizes with them.
"""

from pathlib import Path

#: Folder with ``SHREC13_SBR_Model.cla``, ``SHREC13_SBR_Sketch.cla``,
#: ``SHREC13_SBR_Sketch_Train.cla`` and ``SHREC13_SBR_Sketch_Test.cla``.
SHREC13_CLA = Path(__file__).parent / "shrec13"
