"""Synthetic data at the scale of a province, for the benchmarks (demo.scale)."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.scale import Generator, ScaleError


class Command(BaseCommand):
    help = ("Tạo dữ liệu thử ở quy mô một tỉnh, thành (phường, xã; chi bộ; đảng viên; cuộc họp; nhiệm vụ; chỉ tiêu) "
            "để đo tốc độ. Dùng một cơ sở dữ liệu riêng.")

    def add_arguments(self, parser):
        parser.add_argument("--wards", type=int, default=126)
        parser.add_argument("--cells", type=int, default=40, help="Chi bộ mỗi phường, xã.")
        parser.add_argument("--members", type=int, default=1500, help="Đảng viên (mọi tình trạng) mỗi phường, xã.")
        parser.add_argument("--years", type=int, default=1, help="Số năm cuộc họp, nhiệm vụ, chỉ tiêu đến hôm nay.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, wards, cells, members, years, seed, **options):
        for name, value, low in (("--wards", wards, 1), ("--cells", cells, 1), ("--members", members, 1),
                                 ("--years", years, 1)):
            if value < low:
                raise CommandError(f"{name} phải từ {low} trở lên.")
        if cells > 1200:
            raise CommandError("--cells tối đa 1.200 (mỗi cấp của cây tổ chức có tối đa 36⁴ đơn vị).")
        started = time.perf_counter()
        try:
            counts = Generator(wards=wards, cells=cells, members=members, years=years, seed=seed,
                               progress=self.stdout.write).run()
        except ScaleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {counts.wards} phường, xã; {counts.cells} chi bộ; {counts.members} đảng viên; {counts.meetings} "
            f"cuộc họp; {counts.tasks} nhiệm vụ; {counts.targets} chỉ tiêu; {counts.inspections} cuộc kiểm tra, giám "
            f"sát trong {time.perf_counter() - started:.0f} "
            f"giây. Đăng nhập: scale-province (cấp trên), scale-ward-1 … (cán bộ phường), mật khẩu như bản trình "
            f"diễn."))
