"""What notebooks/00_overview.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    assert results["environment"]["quick"] is True
    cameras = results["cameras"]
    assert len(cameras) == 12
    # every camera 2 units from the centre, 30 degrees above the horizon
    for x, y, z in cameras:
        assert abs((x * x + y * y + z * z) ** 0.5 - 2.0) < 1e-5
        assert abs(z - 1.0) < 1e-5
