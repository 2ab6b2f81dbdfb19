using System;
using System.Diagnostics;
using NetGen;

namespace Steering
{
    /// <summary>
    /// The agent's model of its own body: from its velocity and the acceleration it wants (both scaled to about ±1), the
    /// command that gives that acceleration. 58 parameters, straight-line code; deterministic, so a run is the same
    /// bits on .NET and on Mono.
    /// </summary>
    [Network(4, 8, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError,
        Optimizer = Optimizer.Adam, LearningRate = 0.003, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class BodyModel
    {
    }

    /// <summary>
    /// A game's simulation, stepped at 60 frames a second: a body on a plane with drag, steered by a two-axis command
    /// through thrusters it does not know (turned by 30°, saturating, weaker than asked), towards a target that moves
    /// every four seconds. Each frame the agent asks its <see cref="BodyModel"/> for the command that gives the
    /// acceleration it wants, acts (with exploration noise that fades), sees the acceleration it got, stores that in a
    /// ring of experience and takes one training step on a batch drawn from the ring. Nothing here allocates after the
    /// constructor: the arrays are made once, and the network's steps allocate nothing.
    /// </summary>
    public sealed class World
    {
        /// <summary>Frames per second.</summary>
        public const int FrameRate = 60;

        private const double Dt = 1.0 / FrameRate;
        private const double Drag = 0.8;
        private const double Thrust = 8.0;          // the largest acceleration, m/s²
        private const double Cos30 = 0.8660254037844386, Sin30 = 0.5;
        private const double MaxSpeed = 3.0;
        private const double MaxAcceleration = 4.0;
        private const int Capacity = 1024;          // experience kept
        private const int Batch = 32;
        private const int TargetFrames = 4 * FrameRate;
        private const int ExplorationFrames = 20 * FrameRate;

        private readonly BodyModel _model = new BodyModel(seed: 1);
        private readonly double[] _inputs = new double[Capacity * BodyModel.InputSize];
        private readonly double[] _commands = new double[Capacity * BodyModel.OutputSize];
        private readonly double[] _batchInputs = new double[Batch * BodyModel.InputSize];
        private readonly double[] _batchCommands = new double[Batch * BodyModel.OutputSize];
        private readonly double[] _query = new double[BodyModel.InputSize];
        private readonly double[] _answer = new double[BodyModel.OutputSize];
        private ulong _random;
        private int _stored;
        private double _x, _y, _vx, _vy, _targetX, _targetY;

        /// <summary>A world whose targets and exploration come from <paramref name="seed"/>.</summary>
        public World(ulong seed)
        {
            _random = seed;
            NewTarget();
        }

        /// <summary>The frames simulated so far.</summary>
        public int Frame { get; private set; }

        /// <summary>The distance from the body to the target.</summary>
        public double Distance => Math.Sqrt(((_targetX - _x) * (_targetX - _x)) + ((_targetY - _y) * (_targetY - _y)));

        /// <summary>
        /// How far the acceleration the model's command gives (without exploration noise) was from the one wanted, this
        /// frame, relative to the thrusters' strength: what the agent has learned of its body.
        /// </summary>
        public double ModelError { get; private set; }

        /// <summary>The last training step's loss.</summary>
        public double Loss { get; private set; }

        /// <summary>The body's position and velocity, for comparing runs.</summary>
        public (double X, double Y, double Vx, double Vy) State => (_x, _y, _vx, _vy);

        /// <summary>One frame: decide, act, learn. Returns the <see cref="Stopwatch"/> ticks the network took (its query and its training step).</summary>
        public long Step()
        {
            if (Frame % TargetFrames == 0 && Frame > 0)
            {
                NewTarget();
            }

            // The acceleration wanted: towards a velocity that points at the target, at most MaxSpeed.
            double wantVx = 1.5 * (_targetX - _x), wantVy = 1.5 * (_targetY - _y);
            double speed = Math.Sqrt((wantVx * wantVx) + (wantVy * wantVy));
            if (speed > MaxSpeed)
            {
                wantVx *= MaxSpeed / speed;
                wantVy *= MaxSpeed / speed;
            }

            // At most 4 m/s², which the thrusters can give at any speed here (they give up to 2/3 of Thrust, drag takes up to 2.4).
            double wantAx = 4.0 * (wantVx - _vx), wantAy = 4.0 * (wantVy - _vy);
            double want = Math.Sqrt((wantAx * wantAx) + (wantAy * wantAy));
            if (want > MaxAcceleration)
            {
                wantAx *= MaxAcceleration / want;
                wantAy *= MaxAcceleration / want;
            }

            long start = Stopwatch.GetTimestamp();
            _query[0] = _vx / MaxSpeed;
            _query[1] = _vy / MaxSpeed;
            _query[2] = wantAx / Thrust;
            _query[3] = wantAy / Thrust;
            _model.Forward(_query, _answer);
            long modelTicks = Stopwatch.GetTimestamp() - start;

            // How far the model's own command (before the noise) would miss the acceleration wanted, relative to Thrust.
            double mx = Clamp(_answer[0]), my = Clamp(_answer[1]);
            (double gotAx, double gotAy) = Acceleration(mx, my);
            ModelError = Math.Sqrt(((gotAx - wantAx) * (gotAx - wantAx)) + ((gotAy - wantAy) * (gotAy - wantAy))) / Thrust;

            // Exploration: random commands at first, then the model's with noise that fades over the first 20 seconds.
            double noise = Frame < ExplorationFrames ? 1.0 - (0.9 * Frame / ExplorationFrames) : 0.1;
            double cx = Clamp(_answer[0] + (noise * 2.0 * (Next() - 0.5)));
            double cy = Clamp(_answer[1] + (noise * 2.0 * (Next() - 0.5)));

            (double ax, double ay) = Acceleration(cx, cy);
            double oldVx = _vx, oldVy = _vy;
            _vx += ax * Dt;
            _vy += ay * Dt;
            _x += _vx * Dt;
            _y += _vy * Dt;

            // Experience: from the velocity and the acceleration seen, the command given.
            int slot = _stored % Capacity;
            _inputs[(slot * 4) + 0] = oldVx / MaxSpeed;
            _inputs[(slot * 4) + 1] = oldVy / MaxSpeed;
            _inputs[(slot * 4) + 2] = ((_vx - oldVx) / Dt) / Thrust;
            _inputs[(slot * 4) + 3] = ((_vy - oldVy) / Dt) / Thrust;
            _commands[(slot * 2) + 0] = cx;
            _commands[(slot * 2) + 1] = cy;
            _stored++;

            // One training step on a batch drawn from the experience.
            int available = Math.Min(_stored, Capacity);
            for (int b = 0; b < Batch; b++)
            {
                int k = (int)(Next() * available);
                Array.Copy(_inputs, k * 4, _batchInputs, b * 4, 4);
                Array.Copy(_commands, k * 2, _batchCommands, b * 2, 2);
            }

            start = Stopwatch.GetTimestamp();
            Loss = _model.TrainStep(_batchInputs, _batchCommands);
            modelTicks += Stopwatch.GetTimestamp() - start;
            Frame++;
            return modelTicks;
        }

        /// <summary>The body: thrusters turned by 30°, saturating (c / (1 + |c|)), then drag.</summary>
        private (double Ax, double Ay) Acceleration(double cx, double cy)
        {
            double sx = cx / (1.0 + Math.Abs(cx)), sy = cy / (1.0 + Math.Abs(cy));
            return (Thrust * ((Cos30 * sx) - (Sin30 * sy)) - (Drag * _vx), Thrust * ((Sin30 * sx) + (Cos30 * sy)) - (Drag * _vy));
        }

        private static double Clamp(double c) => c > 2.0 ? 2.0 : c < -2.0 ? -2.0 : c;

        private void NewTarget()
        {
            _targetX = (Next() - 0.5) * 10.0;
            _targetY = (Next() - 0.5) * 10.0;
        }

        /// <summary>A number in [0, 1): a 64-bit linear congruential generator, the same numbers on every runtime.</summary>
        private double Next()
        {
            _random = unchecked((_random * 6364136223846793005UL) + 1442695040888963407UL);
            return (_random >> 11) * (1.0 / 9007199254740992.0);
        }
    }
}
