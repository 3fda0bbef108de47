"""Why a compiled training step gains what it gains: for ours and diffusers' DiT, in each mode of `dit_bench --mfu`,
the graphs dynamo made, its graph breaks and CUDA-graph skips (`compile_report`), then the top operators and kernels under
torch.profiler. Made for a lent GPU, where an H100 and an H200 run of `dit_bench --mfu` (12_bench) showed our step
gaining nothing from torch.compile at small batches while diffusers' ran 3-5x faster under CUDA graphs. Its first run
(H100, torch 2.11) found the cause: 12 graph breaks at `ContextVar.get` in `CpuKernel.usable`, since fixed (12_bench).
It runs on a CPU too (without CUDA graphs), which is how it is tested.

    python tools/gpu_diag.py --device cuda --batch 64 --modes eager compile cudagraphs
    python tools/gpu_diag.py --device cuda --batch 8192 --modes compile autotune   # where the time goes at a large batch
"""
import argparse, copy, statistics
import torch, torch._dynamo
from dit_nbdev.bench import MFU_DEFAULT, MFU_MODES, DiffusersDiT, compile_report, interleaved_times, sync, timed_call, timing_schedule, train_step_fn
from dit_nbdev.checkpoint import pick_device
from dit_nbdev.config import load_config
from dit_nbdev.dit import build_model

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--device', default='auto'); ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--size', default='S/4'); ap.add_argument('--modes', nargs='*', default=None)
    ap.add_argument('--rows', type=int, default=12, help='operators shown per profile')
    a = ap.parse_args()
    dev = pick_device(a.device)
    modes = a.modes or [m for m in MFU_DEFAULT if m != 'cudagraphs' or dev.type == 'cuda']
    cfg = load_config('mnist', [f'model.size={a.size}'], env={})
    sched = timing_schedule(cfg).to(dev)
    torch.manual_seed(0)
    x = (torch.rand(a.batch, 1, cfg.model.image_size, cfg.model.image_size) * 2 - 1).to(dev)
    y = torch.randint(0, cfg.model.num_classes, (a.batch,)).to(dev)
    nets = dict(theirs=DiffusersDiT(cfg.model).to(dev), ours=build_model(cfg.model).to(dev))
    acts = [torch.profiler.ProfilerActivity.CPU] + [torch.profiler.ProfilerActivity.CUDA] * (dev.type == 'cuda')
    key = 'self_device_time_total' if dev.type == 'cuda' else 'self_cpu_time_total'
    print(f"torch {torch.__version__}, {torch.cuda.get_device_name(dev) if dev.type == 'cuda' else 'cpu'}, {a.size}, batch {a.batch}, bf16 autocast")
    for mode in modes:
        for who, net in nets.items():
            torch._dynamo.reset()
            m = copy.deepcopy(net)
            if MFU_MODES[mode]: m.compile(mode=MFU_MODES[mode])
            step = train_step_fn(m, sched, x, y, 'bf16')
            with compile_report() as rep:
                first = timed_call(step, dev)
                ms = statistics.median(interleaved_times({mode: step}, 5, dev)[mode]) * 1e3
            print(f"\n=== {who} {mode}: {ms:.2f} ms a step (first step {first:.1f} s); graphs {rep['graphs']}, "
                  f"graph breaks {rep['graph_breaks'] or 0}, CUDA-graph skips {rep['cudagraph_skips'] or 0}")
            with torch.profiler.profile(activities=acts) as p:
                for _ in range(3): step()
                sync(dev)
            print(p.key_averages().table(sort_by=key, row_limit=a.rows, max_name_column_width=70))
            del m, step
    torch._dynamo.reset()

if __name__ == '__main__': main()
